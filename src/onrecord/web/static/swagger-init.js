// Starts Swagger UI on /docs (kept out of the page so the CSP needs no inline script).
window.addEventListener("load", function () {
  if (typeof window.SwaggerUIBundle !== "function") return;  // offline: the page explains
  window.SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui" });
});
