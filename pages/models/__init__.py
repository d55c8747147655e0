from .contact import ContactDetails, HoursException, RegularHours, Section
from .menus import Menu, MenuItem

__all__ = ["ContactDetails", "HoursException", "Menu", "MenuItem", "RegularHours", "Section"]
