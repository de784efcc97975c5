"""The shop's pages, one module per concern; shop/urls.py names them."""
