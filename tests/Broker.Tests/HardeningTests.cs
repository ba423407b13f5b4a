using System.Diagnostics;
using Kiosk.TestSupport;

namespace Kiosk.Broker.Tests;

public sealed class HardeningTests
{
    [Fact]
    public void The_site_config_carries_the_same_size_limits_as_the_private_broker()
    {
        var site = File.ReadAllLines(Path.Combine(Repository.Root, "Broker", "mosquitto", "site.conf")).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        Assert.All(BrokerLimits.ConfigLines, line => Assert.Contains(line, site));
    }

    [Fact]
    public void The_site_config_loads_the_client_id_plugin_with_the_private_brokers_reservations()
    {
        var site = File.ReadAllLines(Path.Combine(Repository.Root, "Broker", "mosquitto", "site.conf")).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        Assert.All(BrokerClientIds.ConfigLines(BrokerClientIds.SitePluginPath), line => Assert.Contains(line, site));
    }

    [Fact]
    public async Task The_private_broker_runs_with_the_client_id_plugin_loaded()
    {
        await using var broker = await PrivateBroker.StartAsync();

        Assert.True(File.Exists(BrokerClientIds.LocalPluginPath));
        Assert.Contains("kiosk-clientid: client ids starting with 'kiosk-' belong to user 'kiosk'", broker.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_broker_whose_owner_is_killed_removes_its_temp_folder()
    {
        // The owner is the real broker command in a child process; SIGKILL runs none of its cleanup.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Kiosk.Broker.dll"));
        start.ArgumentList.Add("run");
        using var owner = Process.Start(start)!;
        string? folder = null;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (folder is null && await owner.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("Folder: ", StringComparison.Ordinal))
                {
                    folder = line["Folder: ".Length..line.IndexOf(" (", StringComparison.Ordinal)];
                }
            }
        }

        Assert.NotNull(folder);
        Assert.True(Directory.Exists(folder));
        // Watched before the kill, so the removal cannot slip past: the broker's watchdog looks once a second.
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder!));
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!) { EnableRaisingEvents = true };
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Deleted += (_, e) =>
        {
            if (string.Equals(e.FullPath, full, StringComparison.Ordinal))
            {
                removed.TrySetResult();
            }
        };
        owner.Kill(); // SIGKILL on Linux
        await owner.WaitForExitAsync();
        var deadline = Stopwatch.StartNew();
        if (Directory.Exists(full))
        {
            await removed.Task.WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        Assert.False(Directory.Exists(folder), $"{folder} is still there {deadline.Elapsed.TotalSeconds:0.#} s after its owner was killed");
    }
}
