"""What the routes moved from `app.routers.items` share with it."""


fake_items_db = {"plumbus": {"name": "Plumbus"}, "gun": {"name": "Portal Gun"}}
