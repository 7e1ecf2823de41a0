package com.influencelakehouse.jobs;

import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.jobs.bronze.IngestCampaignsJob;
import com.influencelakehouse.jobs.bronze.IngestConversionsJob;
import com.influencelakehouse.jobs.bronze.IngestPrivacyJob;
import com.influencelakehouse.jobs.bronze.IngestReferenceJob;
import com.influencelakehouse.jobs.bronze.IngestSocialJob;
import com.influencelakehouse.jobs.gold.BuildCampaignPerformanceJob;
import com.influencelakehouse.jobs.gold.BuildFeaturesJob;
import com.influencelakehouse.jobs.gold.BuildTrainingConversionJob;
import com.influencelakehouse.jobs.gold.BuildTrainingPostingJob;
import com.influencelakehouse.jobs.gold.EstimateContentLiftJob;
import com.influencelakehouse.jobs.gold.OptimizeGoldJob;
import com.influencelakehouse.jobs.models.TrainConversionModelJob;
import com.influencelakehouse.jobs.models.TrainPostingModelJob;
import com.influencelakehouse.jobs.planning.PlanCampaignsJob;
import com.influencelakehouse.jobs.privacy.ExpireBronzeJob;
import com.influencelakehouse.jobs.privacy.RegisterErasuresJob;
import com.influencelakehouse.jobs.scoring.RankContentReuseJob;
import com.influencelakehouse.jobs.scoring.ScoreInfluencersJob;
import com.influencelakehouse.jobs.silver.ConformBriefsJob;
import com.influencelakehouse.jobs.silver.ConformCampaignsJob;
import com.influencelakehouse.jobs.silver.ConformConversionsJob;
import com.influencelakehouse.jobs.silver.ConformInfluencersJob;
import com.influencelakehouse.jobs.silver.ConformOffersJob;
import com.influencelakehouse.jobs.silver.ConformPostsJob;
import com.influencelakehouse.jobs.silver.ConformReferenceJob;
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
 * drift from what the jobs actually do. Each table has exactly one producer, except tables declared
 * shared (quarantine, data-quality results), which several jobs write, each its own slice; a reader
 * of a shared table runs after all of its writers. A job that deletes from tables it does not produce
 * (erasure, bronze expiry) runs after their other writers and readers, so a deletion is the night's
 * last change to a table, except for the jobs that read what the deleting job writes: those run
 * after it (ingest reads the erasure log and leaves erased subjects out itself).
 */
public final class JobGraph {
  private final List<Job> jobs;
  private final Map<String, Job> byName = new LinkedHashMap<>();
  private final Map<TableDef, List<Job>> producers = new HashMap<>();
  private final Map<String, Set<String>> upstream = new LinkedHashMap<>();

  /** The nightly pipeline: every job the product runs. */
  public static JobGraph nightly() {
    return new JobGraph(List.of(
        new IngestPrivacyJob(), new RegisterErasuresJob(), new IngestReferenceJob(), new IngestSocialJob(),
        new IngestCampaignsJob(), new IngestConversionsJob(),
        new ConformReferenceJob(), new ConformInfluencersJob(), new ConformCampaignsJob(), new ConformBriefsJob(),
        new ConformPostsJob(),
        new ConformOffersJob(), new ConformConversionsJob(), new ExpireBronzeJob(),
        new BuildFeaturesJob(), new EstimateContentLiftJob(), new BuildTrainingPostingJob(),
        new BuildTrainingConversionJob(), new TrainPostingModelJob(), new TrainConversionModelJob(),
        new ScoreInfluencersJob(), new PlanCampaignsJob(), new RankContentReuseJob(), new BuildCampaignPerformanceJob(),
        new OptimizeGoldJob()));
  }

  public JobGraph(List<Job> jobs) {
    for (Job job : jobs) {
      if (byName.put(job.name(), job) != null) {
        throw new IllegalArgumentException("two jobs are named " + job.name());
      }
      for (TableDef t : job.writes()) {
        List<Job> writers = producers.computeIfAbsent(t, k -> new ArrayList<>());
        if (!writers.isEmpty() && !t.shared()) {
          throw new IllegalArgumentException(t.qualifiedName() + " is written by both " + writers.get(0).name()
              + " and " + job.name() + ": each table has one producer");
        }
        writers.add(job);
      }
    }
    for (Job job : jobs) {
      for (TableDef t : job.reads()) {
        if (!producers.containsKey(t)) {
          throw new IllegalArgumentException(job.name() + " reads " + t.qualifiedName() + ", which no job writes");
        }
      }
      for (TableDef t : job.deletesFrom()) {
        if (job.writes().contains(t)) {
          throw new IllegalArgumentException(job.name() + " both writes and deletes from " + t.qualifiedName()
              + ": a producer's deletes are part of its writes");
        }
      }
    }
    upstream.putAll(dependenciesAmong(jobs));
    this.jobs = topologicalOrder(jobs);
  }

  /**
   * Dependencies among a subset of jobs (e.g. the one job of {@code lakehouse run}): a job depends on
   * the jobs of the subset that write a table it reads, and a job that deletes from a table on the
   * other jobs that write or read it, unless they depend on it through what they read; tables written
   * outside the subset are taken as already there.
   */
  public static Map<String, Set<String>> dependenciesAmong(List<Job> jobs) {
    Map<TableDef, List<String>> writers = new HashMap<>();
    Map<TableDef, List<String>> readers = new HashMap<>();
    for (Job j : jobs) {
      j.writes().forEach(t -> writers.computeIfAbsent(t, k -> new ArrayList<>()).add(j.name()));
      j.reads().forEach(t -> readers.computeIfAbsent(t, k -> new ArrayList<>()).add(j.name()));
    }
    Map<String, Set<String>> deps = new LinkedHashMap<>();
    for (Job j : jobs) {
      Set<String> d = new LinkedHashSet<>();
      j.reads().forEach(t -> writers.getOrDefault(t, List.of()).stream().filter(n -> !n.equals(j.name()))
          .forEach(d::add));
      deps.put(j.name(), d);
    }
    // Taken from the read edges alone, before any deletion edge is added.
    Map<String, Set<String>> informed = new HashMap<>();
    for (Job j : jobs) {
      if (!j.deletesFrom().isEmpty()) {
        informed.put(j.name(), downstream(j.name(), deps));
      }
    }
    for (Job j : jobs) {
      for (TableDef t : j.deletesFrom()) {
        for (List<String> touching : List.of(writers.getOrDefault(t, List.of()), readers.getOrDefault(t, List.of()))) {
          touching.stream().filter(n -> !n.equals(j.name()) && !informed.get(j.name()).contains(n))
              .forEach(deps.get(j.name())::add);
        }
      }
    }
    return deps;
  }

  /** The jobs that depend on {@code name}, directly or through others. */
  private static Set<String> downstream(String name, Map<String, Set<String>> deps) {
    Set<String> out = new LinkedHashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, Set<String>> e : deps.entrySet()) {
        if (!out.contains(e.getKey()) && (e.getValue().contains(name)
            || e.getValue().stream().anyMatch(out::contains))) {
          grew = out.add(e.getKey());
        }
      }
    }
    return out;
  }

  /**
   * The tables {@code name} deletes from that no job after it writes: it leaves them as they stay for
   * the night, so a later change to them is one it has not seen. (A table a later job writes is that
   * job's to keep clean: it reads what the deleting job wrote.)
   */
  public List<TableDef> deletesLastFrom(String name) {
    Job job = byName.get(name);
    if (job == null) {
      return List.of();
    }
    Set<String> later = downstream(name, upstream);
    return job.deletesFrom().stream()
        .filter(t -> producersOf(t).stream().noneMatch(p -> later.contains(p.name()))).toList();
  }

  /** The jobs that delete from a table without producing it. */
  public List<Job> deletersOf(TableDef table) {
    return jobs.stream().filter(j -> j.deletesFrom().contains(table)).toList();
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

  /** The jobs that write a table: one, several for a shared table, none for one not built yet. */
  public List<Job> producersOf(TableDef table) {
    return producers.getOrDefault(table, List.of());
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
