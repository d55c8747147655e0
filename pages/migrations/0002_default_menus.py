"""The header menu the site had in its template (Home, Relations, Notices) and an empty
footer menu, so the site looks the same after migrate. Labels in the three languages, as
the interface catalogues had them."""

from django.db import migrations

HEADER = [
    ("home", "Home", "Acasă", "Ana səhifə"),
    ("relations:list", "Relations", "Relații", "Münasibətlər"),
    ("notices:list", "Notices", "Anunțuri", "Elanlar"),
]


def create(apps, schema_editor):
    Menu = apps.get_model("pages", "Menu")
    MenuItem = apps.get_model("pages", "MenuItem")
    header, _ = Menu.objects.get_or_create(slot="header")
    Menu.objects.get_or_create(slot="footer")
    if header.items.exists():
        return
    for order, (view_name, en, ro, az) in enumerate(HEADER, start=1):
        MenuItem.objects.create(
            menu=header,
            order=order * 10,
            view_name=view_name,
            label=en,
            label_en=en,
            label_ro=ro,
            label_az=az,
        )


def remove(apps, schema_editor):
    apps.get_model("pages", "Menu").objects.filter(slot__in=["header", "footer"]).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_contact_and_menus")]

    operations = [migrations.RunPython(create, remove)]
