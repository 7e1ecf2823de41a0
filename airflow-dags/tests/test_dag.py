"""Checks the nightly DAG without Airflow: executes the DAG file against the stand-in Airflow classes in
``airflow_stand_in/`` and asserts tasks, edges and settings against ``job_graph.json``.

    python3 airflow-dags/tests/test_dag.py                # the checks (unittest)
    python3 airflow-dags/tests/test_dag.py --print-args   # each task's CLI arguments, rendered, as JSON

The second form is used by the Java test AirflowDagTest, which parses every argument list with the
CLI's own parser.
"""

import json
import re
import runpy
import sys
import unittest
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DAGS = HERE.parent
sys.path.insert(0, str(HERE / "airflow_stand_in"))

SAMPLE_DS = "2026-09-01"


def load_dag():
    namespace = runpy.run_path(str(DAGS / "influence_lakehouse_nightly.py"))
    return namespace["dag"]


def render(value):
    """Renders the few template forms the DAG uses, with each setting's default and a sample date."""
    value = value.replace("{{ ds }}", SAMPLE_DS).replace("{{ ds_nodash }}", SAMPLE_DS.replace("-", ""))
    value = re.sub(r"\{\{ params\.\w+ or var\.value\.get\('[\w]+', '([^']*)'\) \}\}", r"\1", value)
    if "{{" in value:
        raise ValueError("unrendered template in %r" % value)
    return value


class NightlyDagTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.graph = json.loads((DAGS / "job_graph.json").read_text(encoding="utf-8"))
        cls.dag = load_dag()

    def test_one_task_per_job(self):
        self.assertEqual([j["name"] for j in self.graph["jobs"]], list(self.dag.tasks))

    def test_edges_are_the_job_graph(self):
        for job in self.graph["jobs"]:
            self.assertEqual(set(job["upstream"]), self.dag.tasks[job["name"]].upstream, job["name"])

    def test_every_task_submits_the_cli_for_its_job_and_the_run_date(self):
        for job in self.graph["jobs"]:
            task = self.dag.tasks[job["name"]]
            self.assertEqual(self.graph["main_class"], task.kwargs["java_class"])
            args = [render(a) for a in task.kwargs["application_args"]]
            self.assertEqual(["run", job["name"], "--date", SAMPLE_DS], args[:4])
            self.assertIn("--env", args)
            self.assertTrue(render(task.kwargs["application"]).endswith(".jar"))
            self.assertTrue(task.kwargs.get("doc_md"), "every task is documented")

    def test_scheduling_settings(self):
        kw = self.dag.kwargs
        self.assertEqual(1, kw["max_active_runs"], "one run at a time: one writer per table")
        self.assertTrue(kw["catchup"])
        self.assertTrue(kw["tags"])
        self.assertTrue(kw["schedule"])
        args = kw["default_args"]
        self.assertGreaterEqual(args["retries"], 1)
        self.assertIsInstance(args["retry_delay"], timedelta)
        self.assertIsInstance(args["execution_timeout"], timedelta)

    def test_nothing_heavy_or_secret_in_the_file(self):
        source = (DAGS / "influence_lakehouse_nightly.py").read_text(encoding="utf-8")
        self.assertNotIn("Variable.get(", source, "Variables are read when rendering, not when parsing")
        self.assertNotRegex(source, r"(?i)(secret|password|access[_-]?key)\s*=")


if __name__ == "__main__":
    if "--print-args" in sys.argv:
        dag = load_dag()
        print(json.dumps({tid: [render(a) for a in t.kwargs["application_args"]] for tid, t in dag.tasks.items()}))
    else:
        unittest.main()
