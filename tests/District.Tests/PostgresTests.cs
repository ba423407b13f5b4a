using Kiosk.District.Local;
using Kiosk.District.Storage;
using Npgsql;

namespace Kiosk.District.Tests;

public sealed class PostgresTests
{
    [SkippableFact]
    public async Task A_private_server_takes_the_schema_and_keeps_commits_over_a_restart()
    {
        Skip.If(PrivatePostgres.FindBinaries() is null, "PostgreSQL is not installed (./kiosk.sh test installs it).");
        await using var server = await PrivatePostgres.StartAsync();
        var connectionString = await server.CreateDatabaseAsync("district_schema");
        await using (var database = NpgsqlDataSource.Create(connectionString))
        {
            await DistrictMigrations.MigrateAsync(database, CancellationToken.None);
            await DistrictMigrations.MigrateAsync(database, CancellationToken.None);
            await using var insert = database.CreateCommand("INSERT INTO sites (site) VALUES ('pkm-a')");
            await insert.ExecuteNonQueryAsync();
        }
        await server.StopAsync();
        await server.RestartAsync();
        await using var reopened = NpgsqlDataSource.Create(connectionString);
        await using var count = reopened.CreateCommand("SELECT count(*) FROM sites");
        Assert.Equal(1L, await count.ExecuteScalarAsync());
        await using var version = reopened.CreateCommand("SELECT max(version) FROM schema_version");
        Assert.Equal(DistrictSchema.Steps.Count, await version.ExecuteScalarAsync());
    }
}
