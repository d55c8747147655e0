from publishing.registry import Content

LEAFLET = Content(key="slug")
NOTE = Content(key="slug", sort=("order",))
