"""Running a build: the command line, the pipeline of stages, the batch of regions, forked
processes, Ctrl-C and signals, writing the output all or nothing, and the batch's manifest."""
