from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "rugcoach.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge"
