from .contact import ContactDetails, HoursException, RegularHours, Section
from .menus import Menu, MenuItem
from .services import ServiceDocument, ServiceFacts
from .tree import Page, Role

__all__ = [
    "ContactDetails",
    "HoursException",
    "Menu",
    "MenuItem",
    "Page",
    "RegularHours",
    "Role",
    "Section",
    "ServiceDocument",
    "ServiceFacts",
]
