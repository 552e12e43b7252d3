"""Django's format modules for Heluo's languages (settings.FORMAT_MODULE_PATH): dates as
heluo.core.dates writes them, so that a date Django renders itself (a table column, `{{ value }}`)
reads as every other date."""
