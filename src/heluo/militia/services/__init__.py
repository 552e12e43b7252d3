"""The militia module's domain rules, one module per topic; views, API, commands and the demo call them."""
