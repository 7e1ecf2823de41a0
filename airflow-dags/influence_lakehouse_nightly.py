"""Influence Lakehouse: the nightly pipeline, one spark-submit per job.

The tasks and their dependencies come from ``job_graph.json`` next to this file, which the project
writes from its job graph (``bin/lakehouse docs``; a test fails when it is out of date), so this DAG
cannot drift from the code. Each task runs the project's CLI inside the job jar:

    spark-submit --class com.influencelakehouse.jobs.cli.LakehouseCli <jar> run <job> --date {{ ds }} --env <env>

Settings are DAG params (overridable per run); when a param is empty the Airflow Variable is used,
read when a task is rendered, never when this file is parsed:

- ``lakehouse_job_jar``: where the job jar is (a path or URI the cluster can read)
- ``lakehouse_env``: the configuration overlay (``prod``)
- ``lakehouse_config``: an extra HOCON file shipped with ``--files`` and passed with ``--config``
- the Spark connection id comes from the environment variable ``LAKEHOUSE_SPARK_CONN_ID``
  (default ``spark_default``): a connection id is not a templated field of the operator.

Backfills: ``catchup=True`` replays missed nights one by one with ``max_active_runs=1`` (one writer
per table at a time; see docs/deployment.md). A long range is faster with the CLI's own range run
(``lakehouse nightly --from A --to B``), which runs each job once over the whole range.
"""

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

GRAPH_FILE = Path(__file__).with_name("job_graph.json")
GRAPH = json.loads(GRAPH_FILE.read_text(encoding="utf-8"))  # a small local file: cheap at parse time

CONN_ID = os.environ.get("LAKEHOUSE_SPARK_CONN_ID", "spark_default")

DEFAULT_ARGS = {
    "owner": "influence-lakehouse",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(hours=2),
    "depends_on_past": False,
}

# Per-run overrides (trigger with conf); empty means "the Airflow Variable, else the default".
PARAMS = {"job_jar": "", "env": "", "config": ""}


def setting(param, variable, default):
    """A templated setting: the run's param, else the Airflow Variable, else the default."""
    return "{{ params.%s or var.value.get('%s', '%s') }}" % (param, variable, default)


JOB_JAR = setting("job_jar", "lakehouse_job_jar", "/opt/influence-lakehouse/lakehouse-jobs.jar")
ENV = setting("env", "lakehouse_env", "prod")
CONFIG = setting("config", "lakehouse_config", "/opt/influence-lakehouse/conf/site.conf")


def application_args(job_name):
    """The CLI arguments of one job's task (templated: rendered per run)."""
    return ["run", job_name, "--date", "{{ ds }}", "--env", ENV, "--config", CONFIG]


with DAG(
    dag_id="influence_lakehouse_nightly",
    description="Landing files -> bronze -> silver -> gold features -> models -> scored tables, nightly.",
    schedule="30 2 * * *",
    start_date=datetime(2026, 8, 3),
    catchup=True,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params=PARAMS,
    tags=["influence-lakehouse", "spark", "delta", "nightly"],
    doc_md=__doc__,
) as dag:
    tasks = {}
    for job in GRAPH["jobs"]:
        tasks[job["name"]] = SparkSubmitOperator(
            task_id=job["name"],
            conn_id=CONN_ID,
            application=JOB_JAR,
            java_class=GRAPH["main_class"],
            name="lakehouse-" + job["name"] + "-{{ ds_nodash }}",
            application_args=application_args(job["name"]),
            files=CONFIG,
            doc_md="**{}**: {}\n\nReads: {}\n\nWrites: {}\n\nDeletes from: {}".format(
                job["name"],
                job["description"],
                ", ".join(["landing " + p for p in job.get("reads_landing", [])] + job["reads"]) or "-",
                ", ".join(job["writes"]) or "-",
                ", ".join(job.get("deletes_from", [])) or "-",
            ),
        )
    for job in GRAPH["jobs"]:
        for upstream in job["upstream"]:
            tasks[upstream] >> tasks[job["name"]]
