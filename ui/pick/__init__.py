"""The Pick tab: guided batch picking (screen, map, texts)."""
