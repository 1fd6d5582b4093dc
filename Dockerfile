# The production image: the committed router is the artefact. Nothing is
# generated at start-up, and the generator (codegen/) is not even installed.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /srv

# Dependency groups need pip 25.1 or newer; the app group holds only what
# the served app imports (FastAPI and uvicorn), pinned in pyproject.toml.
COPY pyproject.toml ./
RUN pip install --no-cache-dir --upgrade "pip>=25.1" \
    && pip install --no-cache-dir --group app

COPY app.py ./
COPY generated/ generated/
COPY routes/ routes/
# Bytecode made once here, rather than by every worker at every start: with
# thousands of routes, compiling the router is most of a start-up.
RUN python -m compileall -q app.py generated routes

RUN useradd --system --no-create-home app
USER app
EXPOSE 8000
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "4", "--proxy-headers"]
