"""Shop queries, one module per concern."""
