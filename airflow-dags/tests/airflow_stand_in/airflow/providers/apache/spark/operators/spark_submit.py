"""Stand-in for apache-airflow-providers-apache-spark's SparkSubmitOperator (tests only)."""

from airflow import BaseOperator

# The operator's real constructor arguments that the DAG may use (a typo fails the test).
ACCEPTED = {
    "conn_id", "application", "java_class", "name", "application_args", "files", "conf", "jars",
    "driver_memory", "executor_memory", "executor_cores", "num_executors", "verbose", "env_vars",
    "doc_md", "retries", "retry_delay", "execution_timeout", "pool", "properties_file",
}


class SparkSubmitOperator(BaseOperator):
    template_fields = ("application", "conf", "files", "jars", "name", "application_args", "env_vars",
                       "properties_file")

    def __init__(self, task_id, **kwargs):
        unknown = set(kwargs) - ACCEPTED
        if unknown:
            raise TypeError("SparkSubmitOperator got unexpected arguments %s" % sorted(unknown))
        super().__init__(task_id, **kwargs)
