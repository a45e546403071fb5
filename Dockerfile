# The production image: gunicorn serving netbioclue.wsgi; the same image runs the Celery
# worker and beat (docker-compose.yml). Build: docker build -t netbioclue .

# --- build: dependencies, compiled translations, collected static files -------------------
FROM python:3.12-slim-bookworm AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    STATIC_ROOT=/app/staticfiles

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv==0.13.9

WORKDIR /app
# Dependencies first: this layer is reused until uv.lock changes.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
# Production settings refuse to load without their secrets: give placeholders to this step
# only. Nothing here touches the database or sends mail.
RUN DJANGO_DEBUG=false \
    SECRET_KEY=collectstatic-only \
    ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgres://build@localhost:5432/build \
    EMAIL_URL=consolemail:// \
    TASKS_IN_PROCESS=true \
    sh -c 'python manage.py collectstatic --noinput --verbosity 0 \
        && if find . -path "*/LC_MESSAGES/*.po" | grep -q .; then \
               python manage.py compilemessages --verbosity 0; \
           fi'

# --- runtime -----------------------------------------------------------------------------
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_DEBUG=false \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    WEB_CONCURRENCY=3

# Pango and a font for WeasyPrint (PDF publications).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home netbioclue
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
RUN mkdir -p /app/media && chown netbioclue:netbioclue /app/media

WORKDIR /app
USER netbioclue
EXPOSE 8000
# Worker processes: WEB_CONCURRENCY (gunicorn reads it).
CMD ["gunicorn", "netbioclue.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
