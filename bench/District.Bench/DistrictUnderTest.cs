using System.Globalization;
using Kiosk.Broker;
using Kiosk.District.Hosting;
using Kiosk.District.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kiosk.District.Bench;

/// <summary>The district service in this process (DistrictHost, as ./kiosk.sh district runs it) on a private PostgreSQL.</summary>
internal sealed class DistrictUnderTest : IAsyncDisposable
{
    private readonly PrivatePostgres postgres;
    private readonly WebApplication host;

    private DistrictUnderTest(PrivatePostgres postgres, WebApplication host, NpgsqlDataSource database)
    {
        this.postgres = postgres;
        this.host = host;
        Database = database;
    }

    public NpgsqlDataSource Database { get; }

    public static async Task<DistrictUnderTest> StartAsync(PrivateNatsCluster nats)
    {
        var postgres = await PrivatePostgres.StartAsync();
        try
        {
            var connectionString = await postgres.CreateDatabaseAsync("district_bench");
            var host = DistrictHost.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(nats.DistrictServiceSettings(connectionString));
                builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LoopbackPorts.Take()}"));
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
            });
            await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return new DistrictUnderTest(postgres, host, NpgsqlDataSource.Create(connectionString));
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    /// <summary>Rows in <c>events</c> of the sites whose id starts with <paramref name="prefix"/> (0 before the tables exist).</summary>
    public async Task<long> RowsAsync(string prefix, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = Database.CreateCommand("SELECT count(*) FROM events WHERE site LIKE $1 || '-%'");
            command.Parameters.AddWithValue(prefix);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>Each row's <c>received_at</c> (when the service wrote its batch) minus when the bench sent its publish.</summary>
    public async Task<List<TimeSpan>> DelaysAsync(Replay replay, CancellationToken cancellationToken)
    {
        var index = replay.Sites.Select((site, i) => (site, i)).ToDictionary(p => p.site, p => p.i, StringComparer.Ordinal);
        var delays = new List<TimeSpan>((int)replay.Events);
        await using var command = Database.CreateCommand("SELECT site, sequence, received_at FROM events WHERE site = ANY($1)");
        command.Parameters.AddWithValue(replay.Sites.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sent = replay.PublishedAt[index[reader.GetString(0)]][reader.GetInt64(1) - 1];
            delays.Add(TimeSpan.FromTicks(reader.GetFieldValue<DateTime>(2).Ticks - sent));
        }

        return delays;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.DisposeAsync();
        await Database.DisposeAsync();
        await postgres.DisposeAsync();
    }
}
