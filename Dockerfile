# Front-end assets from the npm registry, as in `make assets`.
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund \
 && mkdir -p vendor/bootstrap vendor/htmx vendor/leaflet vendor/chartjs \
 && cp node_modules/bootstrap/dist/css/bootstrap.min.css* node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* vendor/bootstrap/ \
 && cp node_modules/htmx.org/dist/htmx.min.js vendor/htmx/ \
 && cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images vendor/leaflet/ \
 && cp node_modules/chart.js/dist/chart.umd.min.js* vendor/chartjs/

FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=0
# Pango and fonts for WeasyPrint; no compiler needed (binary wheels).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 portal
WORKDIR /app
COPY pyproject.toml README.md ./
COPY smartcity smartcity
COPY candidates candidates
COPY assessment assessment
COPY partners partners
COPY masterplan masterplan
RUN pip install --no-cache-dir .
COPY . .
COPY --from=assets /build/vendor static/vendor
# collectstatic needs a key and a host name but no services.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput \
 && mkdir -p var/private && chown -R portal /app/var
USER portal
EXPOSE 8000
CMD ["gunicorn", "smartcity.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
