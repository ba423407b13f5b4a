using System.Diagnostics;
using Kiosk.Package.Tests.Support;

namespace Kiosk.Package.Tests;

/// <summary>
/// <c>kiosk-setup --bpjs</c>, the real script run as root with its system paths moved into a temp folder (its
/// <c>/etc/kiosk</c>, <c>/etc/mosquitto</c>, <c>/opt/kiosk</c>, <c>/usr/share/puskesmas-kiosk</c>) and, when this machine
/// has no <c>kiosk</c> group, a private mount of <c>/etc/group</c> that has one. The ACL comes from the real
/// <c>Kiosk.Broker acl</c>, the password hashes from the real <c>mosquitto_passwd</c>. Nothing of this machine changes.
/// </summary>
public sealed class KioskSetupBpjsTests : IDisposable
{
    private const string Secret = "rahasia-bpjs-0123456789";
    private const string UserKey = "kunci-pengguna-abcdef";
    private readonly string root = Directory.CreateTempSubdirectory("kiosk-setup-bpjs-").FullName;

    [SkippableFact]
    public void Bpjs_with_every_value_writes_a_root_only_env_file_a_broker_user_and_its_acl()
    {
        SkipWithoutFacilities();
        File.WriteAllText(Path.Combine(root, "secret"), Secret + "\n");
        File.WriteAllText(Path.Combine(root, "user-key"), UserKey + "\n");

        var (code, output) = Setup("--bpjs", "--bpjs-cons-id", "12345", "--bpjs-secret-file", Path.Combine(root, "secret"),
            "--bpjs-user-key-file", Path.Combine(root, "user-key"), "--bpjs-url", "https://apijkn.bpjs-kesehatan.go.id/antreanfktp",
            "--bpjs-poli", "UMUM=001", "--bpjs-poli", "GIGI=002");

        Assert.True(code == 0, output);
        var env = EnvFile();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Etc("kiosk/bpjs.env")));
        Assert.Equal("pkm-kokop", env["Bpjs__Site"]);
        Assert.Equal(("bpjs", "127.0.0.1", "1883"), (env["Bpjs__Mqtt__Username"], env["Bpjs__Mqtt__Host"], env["Bpjs__Mqtt__Port"]));
        Assert.Equal(("12345", Secret, UserKey), (env["Bpjs__ConsId"], env["Bpjs__Secret"], env["Bpjs__UserKey"]));
        Assert.Equal("https://apijkn.bpjs-kesehatan.go.id/antreanfktp", env["Bpjs__BaseUrl"]);
        Assert.Equal("UMUM=001,GIGI=002", env["Bpjs__PoliMap"]);

        // The broker password file holds the same password as the bpjs user in the site's password list, hashed for
        // Mosquitto. Its path is not in bpjs.env: the unit hands the file over as a systemd credential.
        Assert.False(env.ContainsKey("Bpjs__Mqtt__PasswordFile"));
        var password = File.ReadAllText(Etc("kiosk/bpjs-broker-password")).Trim();
        Assert.Contains($"bpjs:{password}", File.ReadAllLines(Etc("kiosk/broker-passwords")));
        Assert.Matches("^bpjs:\\$7\\$", File.ReadAllLines(Etc("mosquitto/kiosk.passwd")).Single(l => l.StartsWith("bpjs:", StringComparison.Ordinal)));
        Assert.Contains("user bpjs\ntopic read queue/pkm-kokop/events", File.ReadAllText(Etc("mosquitto/kiosk.acl")), StringComparison.Ordinal);

        Assert.Contains("Laporan BPJS (Antrean FKTP) aktif", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(UserKey, output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Bpjs_without_values_leaves_placeholders_says_what_to_fill_and_a_later_run_keeps_the_values()
    {
        SkipWithoutFacilities();
        File.WriteAllText(Path.Combine(root, "secret"), Secret);

        var (first, firstOutput) = Setup("--bpjs");
        var placeholders = EnvFile();
        var (second, _) = Setup("--bpjs", "--bpjs-cons-id", "777", "--bpjs-secret-file", Path.Combine(root, "secret"));
        var password = File.ReadAllText(Etc("kiosk/bpjs-broker-password"));
        var (third, thirdOutput) = Setup();

        Assert.Equal((0, 0, 0), (first, second, third));
        Assert.Equal((string.Empty, string.Empty, string.Empty, string.Empty), (placeholders["Bpjs__ConsId"], placeholders["Bpjs__Secret"], placeholders["Bpjs__UserKey"], placeholders["Bpjs__BaseUrl"]));
        Assert.Contains("Laporan BPJS belum berjalan: isi Bpjs__ConsId Bpjs__Secret Bpjs__UserKey Bpjs__BaseUrl Bpjs__PoliMap", firstOutput, StringComparison.Ordinal);

        // A run without --bpjs keeps the bridge's user, its password and the values given before.
        var kept = EnvFile();
        Assert.Equal(("777", Secret), (kept["Bpjs__ConsId"], kept["Bpjs__Secret"]));
        Assert.Equal(password, File.ReadAllText(Etc("kiosk/bpjs-broker-password")));
        Assert.Contains(File.ReadAllLines(Etc("kiosk/broker-passwords")), l => l.StartsWith("bpjs:", StringComparison.Ordinal));
        Assert.Contains("isi Bpjs__UserKey Bpjs__BaseUrl Bpjs__PoliMap", thirdOutput, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("--bpjs-poli UMUM=001", "hanya berlaku bersama --bpjs")]
    [InlineData("--bpjs --bpjs-poli UMUM", "--bpjs-poli tidak sah")]
    [InlineData("--bpjs --bpjs-url ftp://bpjs", "--bpjs-url tidak sah")]
    [InlineData("--bpjs --bpjs-secret-file /tidak/ada", "--bpjs-secret-file: berkas '/tidak/ada' tidak ada")]
    [InlineData("--bpjs --bpjs-cons-id 12;rm", "--bpjs-cons-id harus cons id")]
    public void A_wrong_bpjs_value_is_one_indonesian_line_and_nothing_is_written(string arguments, string expected)
    {
        SkipWithoutFacilities();

        var (code, output) = Setup(arguments.Split(' '));

        Assert.Equal(2, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.False(File.Exists(Etc("kiosk/bpjs.env")));
        Assert.False(File.Exists(Etc("kiosk/broker-passwords")));
    }

    public void Dispose()
    {
        Directory.Delete(root, recursive: true);
    }

    private static void SkipWithoutFacilities()
    {
        Skip.IfNot(Environment.UserName == "root", "kiosk-setup runs as root (it chowns its files); this test needs root");
        Skip.IfNot(File.Exists("/usr/bin/unshare"), "unshare (util-linux) is not installed");
        Skip.IfNot(File.Exists("/usr/bin/mosquitto_passwd"), "mosquitto_passwd is not installed (apt-get install mosquitto)");
        Skip.IfNot(File.Exists(Path.Combine(AppContext.BaseDirectory, "Kiosk.Broker.dll")), "Kiosk.Broker.dll is not next to the tests");
    }

    private string Etc(string path) => Path.Combine(root, "etc", path);

    private Dictionary<string, string> EnvFile() => File.ReadAllLines(Etc("kiosk/bpjs.env"))
        .Where(l => l.Length > 0 && l[0] != '#')
        .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

    /// <summary>Runs the real kiosk-setup with its system paths under <see cref="root"/>; exit code and stdout+stderr.</summary>
    private (int Code, string Output) Setup(params string[] arguments)
    {
        var opt = Path.Combine(root, "opt", "kiosk");
        var share = Path.Combine(root, "share", "puskesmas-kiosk");
        Directory.CreateDirectory(Etc("kiosk"));
        Directory.CreateDirectory(opt);
        Directory.CreateDirectory(Path.Combine(share, "mosquitto"));
        File.Copy(Path.Combine(Packages.RepositoryRoot, "Broker", "mosquitto", "site.conf"), Path.Combine(share, "mosquitto", "site.conf"), overwrite: true);
        var broker = Path.Combine(opt, "Kiosk.Broker");
        File.WriteAllText(broker, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "Kiosk.Broker.dll")}' \"$@\"\n");
        File.SetUnixFileMode(broker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var script = File.ReadAllText(Path.Combine(Packages.RepositoryRoot, "deploy", "package", "kiosk-setup"))
            .Replace("/etc/kiosk", Etc("kiosk"), StringComparison.Ordinal)
            .Replace("/etc/mosquitto", Etc("mosquitto"), StringComparison.Ordinal)
            .Replace("/opt/kiosk", opt, StringComparison.Ordinal)
            .Replace("/usr/share/puskesmas-kiosk", share, StringComparison.Ordinal);
        var moved = Path.Combine(root, "kiosk-setup");
        File.WriteAllText(moved, script);

        // A kiosk group only inside this process's own mount namespace, when the machine has none.
        var group = Path.Combine(root, "group");
        var prepare = $"if ! getent group kiosk > /dev/null; then cp /etc/group '{group}' && echo 'kiosk:x:64999:' >> '{group}' && mount --bind '{group}' /etc/group; fi; exec sh \"$0\" \"$@\"";
        var start = new ProcessStartInfo("/usr/bin/unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--mount", "--propagation", "private", "sh", "-c", prepare, moved, "--site", "pkm-kokop", "--counters", "2", "--printer", "simulated", "--patient-page", "none", "--no-restart" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("kiosk-setup did not finish within 2 minutes");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
