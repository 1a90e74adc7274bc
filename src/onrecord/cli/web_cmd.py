"""Commands: placeholder until this area lands."""

import click

commands: list[click.Command] = []
