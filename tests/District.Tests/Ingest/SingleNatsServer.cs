using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kiosk.Contract.District;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Kiosk.District.Tests.Ingest;

/// <summary>
/// One nats-server with JetStream on a loopback port and a temp folder, with the district stream made, for the ingest
/// tests until the three-node <c>PrivateNatsCluster</c> is merged. Stopped (and its folder removed) on dispose.
/// </summary>
internal sealed class SingleNatsServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string folder;

    private SingleNatsServer(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        Url = $"nats://127.0.0.1:{port}";
    }

    public string Url { get; }

    public static string? FindServer() => new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server" }.FirstOrDefault(File.Exists);

    public static async Task<SingleNatsServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("ingest-nats-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo(FindServer()!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-js", "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", folder })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new SingleNatsServer(process, folder, port);
        await using var client = server.Connect();
        await client.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        var jetStream = new NatsJSContext(client);
        await jetStream.CreateStreamAsync(new StreamConfig(DistrictSubjects.StreamName, [.. DistrictSubjects.StreamSubjects])
        {
            Storage = StreamConfigStorage.File,
            DuplicateWindow = TimeSpan.FromMinutes(2),
        }).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        return server;
    }

    public NatsConnection Connect() => new(NatsOpts.Default with { Url = Url, Name = "ingest-test", RetryOnInitialConnect = true });

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
