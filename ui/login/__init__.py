"""The login screen: scan a badge, or tap your name and type your PIN."""
