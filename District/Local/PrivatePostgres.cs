using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Kiosk.District.Local;

/// <summary>
/// A PostgreSQL of our own for development and tests (<c>./kiosk.sh district</c>, District.Tests): Debian's server
/// binaries on a cluster in a temporary folder, listening only on a Unix socket in that folder, so the machine's own
/// cluster is never touched. <c>initdb</c> refuses to run as root, so as root the cluster belongs to the
/// <c>postgres</c> user the package creates. A shell watchdog stops the server if the owning process dies.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private readonly string binaries;
    private readonly bool asPostgresUser;
    private Process? wrapper;

    private PrivatePostgres(string folder, string binaries, bool asPostgresUser)
    {
        Folder = folder;
        this.binaries = binaries;
        this.asPostgresUser = asPostgresUser;
    }

    public string Folder { get; }

    public string DataDirectory => Path.Combine(Folder, "data");

    /// <summary>The Unix socket folder (Npgsql's Host).</summary>
    public string SocketDirectory => Folder;

    public bool IsRunning => wrapper is { HasExited: false };

    /// <summary>Where Debian's server binaries are, or null when PostgreSQL is not installed.</summary>
    public static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "postgres")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    public static async Task<PrivatePostgres> StartAsync(CancellationToken cancellationToken = default)
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql).");
        var asPostgresUser = Environment.UserName == "root";
        // Short: the socket path (folder + /.s.PGSQL.5432) must fit in 107 bytes.
        var folder = Directory.CreateTempSubdirectory("kpg-").FullName;
        var server = new PrivatePostgres(folder, binaries, asPostgresUser);
        try
        {
            if (asPostgresUser)
            {
                await RunAsync("chown", ["postgres:postgres", folder], cancellationToken).ConfigureAwait(false);
            }

            await server.RunAsPostgresAsync(Path.Combine(binaries, "initdb"), ["-D", server.DataDirectory, "-A", "trust", "-U", SuperUser, "-E", "UTF8", "--locale=C.UTF-8"], cancellationToken).ConfigureAwait(false);
            await server.StartServerAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory,
        Username = SuperUser,
        Database = database,
        Pooling = true,
    }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException("A database name here is lower-case letters, digits and '_'.", nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
#pragma warning disable CA2100 // The name is checked above: letters, digits and '_' only.
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return ConnectionString(name);
    }

    /// <summary>Fast shutdown (SIGINT to the postmaster): open connections are ended, nothing committed is lost.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (wrapper is { HasExited: false } running)
        {
            running.StandardInput.Close();
            await running.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }

        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the server again on the same data (after <see cref="StopAsync"/>).</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartServerAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            wrapper?.Dispose();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var postgres = Path.Combine(binaries, "postgres");
        var owner = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // The wrapper runs the postmaster in the foreground and stops it (SIGINT: fast shutdown) when its standard input
        // closes (StopAsync) or when the owner disappears (a test host killed by a timeout): nothing outlives its owner.
        var command = asPostgresUser ? "runuser -u postgres -- \"$1\"" : "\"$1\"";
        // A background job reads /dev/null unless handed the wrapper's input (fd 3). The signal goes to the postmaster
        // itself (its pid file), not to runuser, which does not pass SIGINT on.
        var script = "exec 3<&0; d=\"$2\"; " + command + " -D \"$2\" -k \"$3\" -c listen_addresses= -c fsync=on & p=$!; " +
                     "stop() { kill -INT \"$(head -n1 \"$d/postmaster.pid\" 2>/dev/null)\" 2>/dev/null; }; " +
                     "(cat <&3 >/dev/null; stop) & " +
                     "while kill -0 \"$4\" 2>/dev/null && kill -0 $p 2>/dev/null; do sleep 1 & wait $!; done; " +
                     "stop; wait $p";
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", script, "private-postgres", postgres, DataDirectory, SocketDirectory, owner })
        {
            start.ArgumentList.Add(argument);
        }

        wrapper = Process.Start(start) ?? throw new InvalidOperationException("Could not start /bin/sh for PostgreSQL.");
        wrapper.OutputDataReceived += (_, _) => { };
        wrapper.ErrorDataReceived += (_, _) => { };
        wrapper.BeginOutputReadLine();
        wrapper.BeginErrorReadLine();
        await WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (wrapper is { HasExited: true })
            {
                throw new InvalidOperationException($"PostgreSQL stopped while starting; see {DataDirectory}.");
            }

            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false;Timeout=2");
                await connection.OpenAsync(deadline.Token).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException)
            {
            }
            catch (System.Net.Sockets.SocketException)
            {
            }

            // A bounded wait for the server to come up, polled: it gives no other signal of readiness.
            await Task.Delay(100, deadline.Token).ConfigureAwait(false);
        }
    }

    private Task RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        asPostgresUser ? RunAsync("runuser", ["-u", "postgres", "--", tool, .. arguments], cancellationToken) : RunAsync(tool, arguments, cancellationToken);

    private static async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }
}
