using Kiosk.District.Dinkes;

namespace Kiosk.District.Tests.Dinkes;

public sealed class UserCommandTests(DinkesDatabase postgres) : IClassFixture<DinkesDatabase>
{
    [SkippableFact]
    public async Task An_account_is_added_with_the_password_from_stdin_or_the_variable_and_listed_without_it()
    {
        var (connection, database) = await postgres.CreateAsync();
        await using var _database = database;
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, await UserCommand.RunAsync(["add", "Siti", "--nama", "Siti Rahma"], connection, null, new StringReader("kata-sandi-rahasia\n"), output, error));
        Assert.Equal(0, await UserCommand.RunAsync(["add", "budi"], connection, "sandi-dari-variabel", new StringReader(string.Empty), output, error));
        Assert.Equal(0, await UserCommand.RunAsync(["list"], connection, null, new StringReader(string.Empty), output, error));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["budi\tbudi", "siti\tSiti Rahma"], lines[2..].Select(l => string.Join('\t', l.Split('\t')[..2])));
        Assert.DoesNotContain("kata-sandi-rahasia", output.ToString(), StringComparison.Ordinal);

        var users = new DinkesUsers(database);
        Assert.Equal("Siti Rahma", (await users.VerifyAsync("siti", "kata-sandi-rahasia", CancellationToken.None))?.DisplayName);
        Assert.NotNull(await users.VerifyAsync("budi", "sandi-dari-variabel", CancellationToken.None));
        Assert.Null(await users.VerifyAsync("budi", "kata-sandi-rahasia", CancellationToken.None));
        await using var hash = database.CreateCommand("SELECT password_hash FROM dinkes_users WHERE username = 'siti'");
        Assert.DoesNotContain("kata-sandi", (string)(await hash.ExecuteScalarAsync())!, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(new[] { "add" }, "kata-sandi-rahasia", UserCommand.Usage)]
    [InlineData(new[] { "add", "siti", "kata-sandi-di-argv" }, "kata-sandi-rahasia", UserCommand.Usage)]
    [InlineData(new[] { "hapus", "siti" }, "kata-sandi-rahasia", UserCommand.Usage)]
    [InlineData(new[] { "add", "si ti;drop" }, "kata-sandi-rahasia", UserCommand.BadInput)]
    [InlineData(new[] { "add", "siti" }, "pendek", UserCommand.BadInput)]
    [InlineData(new[] { "add", "siti" }, "", UserCommand.BadInput)]
    public async Task Bad_arguments_get_a_line_and_an_exit_code_and_nothing_is_stored(string[] args, string stdin, int code)
    {
        var (connection, database) = await postgres.CreateAsync();
        await using var _database = database;
        using var error = new StringWriter();
        Assert.Equal(code, await UserCommand.RunAsync(args, connection, null, new StringReader(stdin), TextWriter.Null, error));
        Assert.NotEmpty(error.ToString());
        await using var count = database.CreateCommand("SELECT count(*) FROM dinkes_users");
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [SkippableFact]
    public async Task An_unreachable_database_is_one_line_and_exit_69()
    {
        Skip.If(Kiosk.District.Local.PrivatePostgres.FindBinaries() is null, DinkesDatabase.NotInstalled);
        var folder = Directory.CreateTempSubdirectory("kpg-none-").FullName;
        try
        {
            using var error = new StringWriter();
            Assert.Equal(UserCommand.Unavailable, await UserCommand.RunAsync(["list"], $"Host={folder};Database=none;Username=postgres;Timeout=3", null, new StringReader(string.Empty), TextWriter.Null, error));
            Assert.StartsWith("Basis data tidak dapat dihubungi", error.ToString(), StringComparison.Ordinal);
            Assert.Equal(UserCommand.Unavailable, await UserCommand.RunAsync(["list"], null, null, new StringReader(string.Empty), TextWriter.Null, error));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
