// One VM at a time on a 2-core machine: the test classes boot their own guests and must not run side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
