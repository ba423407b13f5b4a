using Kiosk.District.Local;
using Kiosk.District.Storage;
using Npgsql;

namespace Kiosk.District.Tests.Dinkes;

/// <summary>One private PostgreSQL per test class; each test takes its own database with the district schema.</summary>
public sealed class DinkesDatabase : IAsyncLifetime
{
    public const string NotInstalled = "PostgreSQL is not installed (./kiosk.sh test installs it).";
    private PrivatePostgres? server;
    private int next;

    public PrivatePostgres Server => server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        if (PrivatePostgres.FindBinaries() is not null)
        {
            server = await PrivatePostgres.StartAsync();
        }
    }

    /// <summary>A fresh migrated database; skips the test when PostgreSQL is not installed.</summary>
    public async Task<(string ConnectionString, NpgsqlDataSource Database)> CreateAsync()
    {
        Skip.If(server is null, NotInstalled);
        var connection = await server.CreateDatabaseAsync($"dinkes_{Interlocked.Increment(ref next)}");
        var database = NpgsqlDataSource.Create(connection);
        await DistrictMigrations.MigrateAsync(database, CancellationToken.None);
        return (connection, database);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
