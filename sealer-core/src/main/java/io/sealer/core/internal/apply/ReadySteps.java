package io.sealer.core.internal.apply;

import io.sealer.core.internal.plan.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which steps of a plan may start now: a step is ready when every step it comes after is done; a host runs one step
 * at a time; at most {@code parallelism} hosts are busy at once; ready steps start in plan order. Every operation costs
 * O(log n). Not thread-safe: the executor guards it with its lock.
 */
final class ReadySteps {
    private final int[] hostOf;
    private final int[] waiting;
    private final int[][] dependents;
    private final List<PriorityQueue<Integer>> queued;
    private final boolean[] busy;
    private final int[] listed;
    /** The first queued step of each idle host that has one. */
    private final TreeSet<Integer> startable = new TreeSet<>();
    private final List<String> hosts;
    private final int parallelism;
    private int busyHosts;
    private int left;

    /**
     * @param steps the plan's steps, dependencies first
     * @param done ids of steps already done (they do not run again)
     * @param parallelism most hosts busy at once
     */
    ReadySteps(List<Step> steps, Set<String> done, int parallelism) {
        this.parallelism = parallelism;
        int count = steps.size();
        Map<String, Integer> index = new HashMap<>(count * 2);
        Map<String, Integer> hostIndex = new LinkedHashMap<>();
        hostOf = new int[count];
        waiting = new int[count];
        List<List<Integer>> after = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Step step = steps.get(i);
            index.put(step.id(), i);
            hostOf[i] = hostIndex.computeIfAbsent(step.host(), h -> hostIndex.size());
            after.add(new ArrayList<>(0));
        }
        hosts = List.copyOf(hostIndex.keySet());
        queued = new ArrayList<>(hosts.size());
        for (int h = 0; h < hosts.size(); h++) {
            queued.add(new PriorityQueue<>());
        }
        busy = new boolean[hosts.size()];
        listed = new int[hosts.size()];
        Arrays.fill(listed, -1);
        for (int i = 0; i < count; i++) {
            Step step = steps.get(i);
            if (done.contains(step.id())) {
                continue;
            }
            left++;
            for (String before : step.after()) {
                int b = index.get(before);
                if (!done.contains(before)) {
                    waiting[i]++;
                    after.get(b).add(i);
                }
            }
            if (waiting[i] == 0) {
                queued.get(hostOf[i]).add(i);
            }
        }
        dependents = new int[count][];
        for (int i = 0; i < count; i++) {
            dependents[i] = after.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        for (int h = 0; h < hosts.size(); h++) {
            relist(h);
        }
    }

    /** The plan's hosts in the order of their first step. */
    List<String> hosts() {
        return hosts;
    }

    /** The index in {@link #hosts()} of step {@code i}'s host. */
    int hostOf(int i) {
        return hostOf[i];
    }

    /** Takes the steps that may start now, in plan order, and marks their hosts busy. */
    List<Integer> take() {
        List<Integer> started = new ArrayList<>(Math.min(startable.size(), parallelism - busyHosts));
        while (busyHosts < parallelism && !startable.isEmpty()) {
            int i = startable.pollFirst();
            int h = hostOf[i];
            listed[h] = -1;
            queued.get(h).poll();
            busy[h] = true;
            busyHosts++;
            started.add(i);
        }
        return started;
    }

    /** Step {@code i} finished: its host is free and the steps that waited only for it are ready. */
    void finished(int i) {
        release(i);
        left--;
        for (int d : dependents[i]) {
            if (--waiting[d] == 0) {
                queued.get(hostOf[d]).add(d);
                relist(hostOf[d]);
            }
        }
        relist(hostOf[i]);
    }

    /** Step {@code i} failed: its host is free; the steps after it never become ready. */
    void failed(int i) {
        release(i);
        relist(hostOf[i]);
    }

    /** Hosts running a step. */
    int running() {
        return busyHosts;
    }

    /** True when every step is done. */
    boolean allDone() {
        return left == 0;
    }

    private void release(int i) {
        int h = hostOf[i];
        if (!busy[h]) {
            throw new IllegalStateException("step " + i + " was not running");
        }
        busy[h] = false;
        busyHosts--;
    }

    private void relist(int h) {
        PriorityQueue<Integer> mine = queued.get(h);
        int head = busy[h] || mine.isEmpty() ? -1 : mine.peek();
        if (head != listed[h]) {
            if (listed[h] >= 0) {
                startable.remove(listed[h]);
            }
            if (head >= 0) {
                startable.add(head);
            }
            listed[h] = head;
        }
    }
}
