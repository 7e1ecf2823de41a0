package com.influencelakehouse.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.jobs.cli.LakehouseCli;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job graph as JSON for orchestrators: the Airflow DAG builds one task per job and the edges from
 * it, so the DAG cannot drift from the code ({@code airflow-dags/job_graph.json}, written by
 * {@code lakehouse docs}, checked by a test).
 */
public final class JobGraphJson {
  public static final String FILE = "airflow-dags/job_graph.json";

  private JobGraphJson() {}

  public static String render(JobGraph graph) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("generated_by", "bin/lakehouse docs (do not edit)");
    root.put("main_class", LakehouseCli.class.getName());
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (Job job : graph.inOrder()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("name", job.name());
      j.put("description", job.description());
      j.put("upstream", List.copyOf(graph.upstreamOf(job.name())));
      j.put("reads_landing", job.readsLanding().stream().map(LandingSource::path).toList());
      j.put("reads", job.reads().stream().map(TableDef::qualifiedName).toList());
      j.put("writes", job.writes().stream().map(TableDef::qualifiedName).toList());
      j.put("deletes_from", job.deletesFrom().stream().map(TableDef::qualifiedName).toList());
      jobs.add(j);
    }
    root.put("jobs", jobs);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
