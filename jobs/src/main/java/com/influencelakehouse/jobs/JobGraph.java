package com.influencelakehouse.jobs;

import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.tables.TableDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The nightly job graph. Jobs are listed once, in {@link #nightly()}; a job depends on the producers
 * of the tables it reads, so the edges follow from each job's declared reads and writes and cannot
 * drift from what the jobs actually do. Each table has exactly one producer.
 */
public final class JobGraph {
  private final List<Job> jobs;
  private final Map<String, Job> byName = new LinkedHashMap<>();
  private final Map<TableDef, Job> producers = new HashMap<>();
  private final Map<String, Set<String>> upstream = new LinkedHashMap<>();

  /** The nightly pipeline: every job the product runs. */
  public static JobGraph nightly() {
    return new JobGraph(List.of());
  }

  public JobGraph(List<Job> jobs) {
    for (Job job : jobs) {
      if (byName.put(job.name(), job) != null) {
        throw new IllegalArgumentException("two jobs are named " + job.name());
      }
      for (TableDef t : job.writes()) {
        Job other = producers.put(t, job);
        if (other != null) {
          throw new IllegalArgumentException(t.qualifiedName() + " is written by both " + other.name() + " and "
              + job.name() + ": each table has one producer");
        }
      }
    }
    for (Job job : jobs) {
      Set<String> deps = new LinkedHashSet<>();
      for (TableDef t : job.reads()) {
        Job producer = producers.get(t);
        if (producer == null) {
          throw new IllegalArgumentException(job.name() + " reads " + t.qualifiedName() + ", which no job writes");
        }
        if (producer != job) {
          deps.add(producer.name());
        }
      }
      upstream.put(job.name(), deps);
    }
    this.jobs = topologicalOrder(jobs);
  }

  /** Jobs in an order where every job comes after the jobs it depends on (ties in declaration order). */
  public List<Job> inOrder() {
    return jobs;
  }

  public Optional<Job> job(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Names of the jobs a job directly depends on. */
  public Set<String> upstreamOf(String name) {
    return upstream.getOrDefault(name, Set.of());
  }

  /** The job that writes a table, if any. */
  public Optional<Job> producerOf(TableDef table) {
    return Optional.ofNullable(producers.get(table));
  }

  public List<String> names() {
    return jobs.stream().map(Job::name).toList();
  }

  /** Kahn's algorithm: repeatedly take the earliest-declared job whose upstream jobs are all placed. */
  private List<Job> topologicalOrder(List<Job> declared) {
    List<Job> ordered = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    List<Job> remaining = new ArrayList<>(declared);
    while (!remaining.isEmpty()) {
      Job next = remaining.stream().filter(j -> placed.containsAll(upstream.get(j.name()))).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("the job graph has a cycle among "
              + remaining.stream().map(Job::name).toList()));
      remaining.remove(next);
      placed.add(next.name());
      ordered.add(next);
    }
    return List.copyOf(ordered);
  }
}
