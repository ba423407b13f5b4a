using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Kiosk.District.Dinkes;

/// <summary>A Dinkes staff account as <c>dinkes_users</c> keeps it.</summary>
public sealed record DinkesUser(string UserName, string DisplayName);

/// <summary>
/// The accounts in <c>dinkes_users</c>; passwords hashed by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2 with a salt, its format versioned so a stronger default later rehashes on the next login).
/// </summary>
public sealed class DinkesUsers(NpgsqlDataSource database)
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 200;

    private static readonly PasswordHasher<DinkesUser> Hasher = new();

    /// <summary>Compared against when the user does not exist, so a wrong name costs the same time as a wrong password.</summary>
    private static readonly string DecoyHash = Hasher.HashPassword(new DinkesUser("-", "-"), Guid.NewGuid().ToString("N"));

    /// <summary>Letters, digits, '.', '_' and '-', at most 64: safe in a log line and in a URL.</summary>
    public static bool IsUserName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-');

    public async Task<DinkesUser?> VerifyAsync(string userName, string password, CancellationToken cancellationToken)
    {
        string? hash = null;
        string? display = null;
        await using (var command = database.CreateCommand("SELECT password_hash, display_name FROM dinkes_users WHERE username = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = userName });
            await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                hash = row.GetString(0);
                display = row.GetString(1);
            }
        }

        var user = new DinkesUser(userName, display ?? userName);
        var result = Hasher.VerifyHashedPassword(user, hash ?? DecoyHash, password);
        if (hash is null || result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await SetPasswordAsync(userName, password, cancellationToken).ConfigureAwait(false);
        }

        return user;
    }

    /// <summary>Adds the account, or sets a new password and name when it exists.</summary>
    public async Task AddAsync(string userName, string displayName, string password, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO dinkes_users (username, display_name, password_hash) VALUES ($1, $2, $3)
            ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, password_hash = excluded.password_hash
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userName });
        command.Parameters.Add(new NpgsqlParameter { Value = displayName });
        command.Parameters.Add(new NpgsqlParameter { Value = Hasher.HashPassword(new DinkesUser(userName, displayName), password) });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(DinkesUser User, DateTimeOffset Created)>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT username, display_name, created_at FROM dinkes_users ORDER BY username");
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var users = new List<(DinkesUser, DateTimeOffset)>();
        while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add((new DinkesUser(row.GetString(0), row.GetString(1)), row.GetFieldValue<DateTimeOffset>(2)));
        }

        return users;
    }

    private async Task SetPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("UPDATE dinkes_users SET password_hash = $2 WHERE username = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = userName });
        command.Parameters.Add(new NpgsqlParameter { Value = Hasher.HashPassword(new DinkesUser(userName, userName), password) });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
