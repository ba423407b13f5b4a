using Kiosk.District.Storage;
using Npgsql;
using Kiosk.District.Text;

namespace Kiosk.District.Dinkes;

/// <summary>
/// <c>user add NAME [--nama "Nama Lengkap"]</c>: adds a Dinkes staff account (or sets a new password); the password
/// comes from <see cref="PasswordVariable"/> or the first line of standard input, never from the command line (where
/// <c>ps</c> and the shell history would keep it). <c>user list</c>: the accounts. The database is the service's own
/// (<c>District:Postgres</c> from appsettings.json beside the program or the environment, <c>District__Postgres</c>).
/// </summary>
public static class UserCommand
{
    public const string PasswordVariable = "DINKES_PASSWORD";
    public const int Usage = 64;
    public const int BadInput = 65;
    public const int Unavailable = 69;

    private const string Help = DinkesTeks.Teknisi.UserHelp;

    public static Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return RunAsync(args, configuration[DinkesRegistration.ConnectionSetting], Environment.GetEnvironmentVariable(PasswordVariable), Console.In, Console.Out, Console.Error);
    }

    internal static async Task<int> RunAsync(string[] args, string? connection, string? passwordVariable, TextReader input, TextWriter output, TextWriter error)
    {
        string? user = null;
        string? display = null;
        var add = args is ["add", ..];
        if (add)
        {
            for (var i = 1; i < args.Length; i++)
            {
                if (args[i] == "--nama" && i + 1 < args.Length)
                {
                    display = args[++i].Trim();
                }
                else if (user is null && !args[i].StartsWith('-'))
                {
                    user = args[i].Trim().ToLowerInvariant();
                }
                else
                {
                    await error.WriteLineAsync(Help).ConfigureAwait(false);
                    return Usage;
                }
            }
        }

        if (!(add && user is not null) && args is not ["list"])
        {
            await error.WriteLineAsync(Help).ConfigureAwait(false);
            return Usage;
        }

        if (add && !DinkesUsers.IsUserName(user))
        {
            await error.WriteLineAsync("Nama pengguna hanya boleh berisi huruf kecil, angka, titik, garis bawah dan tanda hubung (paling banyak 64).").ConfigureAwait(false);
            return BadInput;
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            await error.WriteLineAsync(DinkesTeks.Teknisi.NotConfigured(DinkesRegistration.ConnectionSetting)).ConfigureAwait(false);
            return Unavailable;
        }

        var password = string.Empty;
        if (add)
        {
            password = passwordVariable ?? await input.ReadLineAsync().ConfigureAwait(false) ?? string.Empty;
            if (password.Length is < DinkesUsers.MinPasswordLength or > DinkesUsers.MaxPasswordLength)
            {
                await error.WriteLineAsync(DinkesTeks.Teknisi.PasswordLength(DinkesUsers.MinPasswordLength, DinkesUsers.MaxPasswordLength, PasswordVariable)).ConfigureAwait(false);
                return BadInput;
            }
        }

        try
        {
            await using var database = NpgsqlDataSource.Create(connection);
            await DistrictMigrations.MigrateAsync(database, CancellationToken.None).ConfigureAwait(false);
            var users = new DinkesUsers(database);
            if (add)
            {
                await users.AddAsync(user!, string.IsNullOrEmpty(display) ? user! : display, password, CancellationToken.None).ConfigureAwait(false);
                await output.WriteLineAsync($"Akun {user} disimpan.").ConfigureAwait(false);
                return 0;
            }

            foreach (var (account, created) in await users.ListAsync(CancellationToken.None).ConfigureAwait(false))
            {
                await output.WriteLineAsync($"{account.UserName}\t{account.DisplayName}\t{created:yyyy-MM-dd}").ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or ArgumentException)
        {
            await error.WriteLineAsync(DinkesTeks.Teknisi.DatabaseUnreachable(ex.Message)).ConfigureAwait(false);
            return Unavailable;
        }
    }
}
