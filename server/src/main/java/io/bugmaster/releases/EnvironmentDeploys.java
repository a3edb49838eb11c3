package io.bugmaster.releases;

/** A release's deploys to one environment: how many, and the newest. */
public record EnvironmentDeploys(String environment, long count, Deploy last) {}
