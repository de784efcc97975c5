"""What every app uses and that knows no domain: markup, rate limits, request helpers, money, SEO building blocks."""
