"""Stand-in for the parts of apache-airflow the DAG uses (tests only; see ../README.md)."""

_current = []


class DAG:
    """Records the DAG's arguments and the operators created inside its ``with`` block."""

    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = {}

    def __enter__(self):
        _current.append(self)
        return self

    def __exit__(self, *exc):
        _current.pop()
        return False


class BaseOperator:
    """Records an operator's arguments and its upstream tasks (``a >> b``)."""

    def __init__(self, task_id, **kwargs):
        if not _current:
            raise RuntimeError("operator %s created outside a DAG" % task_id)
        self.task_id = task_id
        self.kwargs = kwargs
        self.upstream = set()
        self.dag = _current[-1]
        if task_id in self.dag.tasks:
            raise ValueError("duplicate task id %s" % task_id)
        self.dag.tasks[task_id] = self

    def __rshift__(self, other):
        other.upstream.add(self.task_id)
        return other
