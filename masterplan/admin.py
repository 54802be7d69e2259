from django.contrib import admin

from .models import Dimension, Element


class ElementInline(admin.TabularInline):
    model = Element
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "code"]
    inlines = [ElementInline]
