"""Every change in the shop, one module per concern."""
