"""A page showing one image as a page type's template will: for the browser's tests."""

from django.shortcuts import get_object_or_404
from django.template import engines
from django.template.response import SimpleTemplateResponse

from images.models import Image

PAGE = engines["django"].from_string(
    """{% load images %}<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Picture</title>
<style>body{margin:0} img{display:block;max-width:100%;height:auto}</style></head>
<body><main><h1>Official visit</h1>{% picture image sizes="100vw" eager=eager %}
<p>After the picture.</p></main></body></html>"""
)


def picture_page(request, pk):
    image = get_object_or_404(Image.objects.prefetch_related("renditions"), pk=pk)
    context = {"image": image, "eager": request.GET.get("eager") == "1"}
    return SimpleTemplateResponse(PAGE, context)
