"""The local web app: the same views as the CLI, each page with a ``.json`` twin."""
