namespace Kiosk.Broker;

/// <summary>The role names of ARCHITECTURE.md; each is a Mosquitto user with its own ACL block.</summary>
public static class BrokerRoles
{
    public const string Kiosk = "kiosk";
    public const string Display = "display";
    public const string Bridge = "bridge";

    /// <summary>The BPJS bridge (Kiosk.Bpjs): reads events and kiosk statuses, asks the kiosk on its private channel.</summary>
    public const string Bpjs = "bpjs";

    /// <summary>Counter users are <c>counter-1</c>..<c>counter-N</c>; N is the counter id used in topics.</summary>
    public static string Counter(int counterNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(counterNumber, 1);
        return $"counter-{counterNumber}";
    }

    /// <summary>Whether <paramref name="role"/> is <c>counter-N</c> (N from 1, no leading zero), as <see cref="Counter"/> writes it.</summary>
    public static bool IsCounter(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        const string prefix = "counter-";
        if (!role.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var number = role.AsSpan(prefix.Length);
        return number.Length > 0 && number[0] != '0' && !number.ContainsAnyExceptInRange('0', '9');
    }

    public static IReadOnlyList<string> All(int counterCount)
    {
        var roles = new List<string> { Kiosk, Display, Bridge, Bpjs };
        for (var i = 1; i <= counterCount; i++)
        {
            roles.Add(Counter(i));
        }

        return roles;
    }
}
