using System.Globalization;
using System.Diagnostics;
using Kiosk.TestSupport;

namespace Kiosk.Package.Tests.Support;

/// <summary>
/// The .deb packages under test. <c>./kiosk.sh test</c> builds them once (deploy/package/build-deb.sh) and passes their
/// folder in KIOSK_TEST_PACKAGES; a test run without it (plain <c>dotnet test</c>) builds them here, once per
/// process, under a lock shared with the other test projects.
/// </summary>
internal static class Packages
{
    private static readonly Lock Gate = new();
    private static string? folder;

    public static string RepositoryRoot => Repository.Root;

    /// <summary>The path of the puskesmas-kiosk .deb for <paramref name="architecture"/> (arm64 or amd64).</summary>
    public static string Deb(string architecture) => Find("puskesmas-kiosk", architecture);

    /// <summary>The path of the puskesmas-district .deb (amd64 only: it runs on the Dinkes servers).</summary>
    public static string DistrictDeb() => Find("puskesmas-district", "amd64");

    private static string Find(string package, string architecture)
    {
        var packages = Folder();
        var debs = Directory.GetFiles(packages, $"{package}_*_{architecture}.deb");
        return debs.Length == 1
            ? debs[0]
            : throw new InvalidOperationException($"Expected one {architecture} {package} package in {packages}, found {debs.Length}.");
    }

    /// <summary>Unpacks <paramref name="deb"/> (dpkg-deb -x, and the control files with -e) into a new temp folder.</summary>
    public static string Extract(string deb)
    {
        var target = Directory.CreateTempSubdirectory("kiosk-deb-").FullName;
        Run("dpkg-deb", ["-x", deb, target], TimeSpan.FromMinutes(3));
        Run("dpkg-deb", ["-e", deb, Path.Combine(target, "DEBIAN")], TimeSpan.FromMinutes(1));
        return target;
    }

    public static string Run(string program, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalMinutes:0} min.");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }

        return stdout.Result;
    }

    private static string Folder()
    {
        lock (Gate)
        {
            if (folder is not null)
            {
                return folder;
            }

            var given = Environment.GetEnvironmentVariable("KIOSK_TEST_PACKAGES");
            if (!string.IsNullOrEmpty(given))
            {
                return folder = given;
            }

            var built = Path.Combine(RepositoryRoot, "artifacts", "test-packages-dotnet-test");
            Directory.CreateDirectory(Path.Combine(RepositoryRoot, "artifacts"));
            using (AcquireFileLock(Path.Combine(RepositoryRoot, "artifacts", "test-packages.lock"), TimeSpan.FromMinutes(30)))
            {
                if (Directory.Exists(built))
                {
                    Directory.Delete(built, recursive: true);
                }

                Run(Path.Combine(RepositoryRoot, "deploy", "package", "build-deb.sh"), ["--output", built], TimeSpan.FromMinutes(25), RepositoryRoot);
            }

            return folder = built;
        }
    }

    /// <summary>
    /// An exclusive lock on a file, waited for up to <paramref name="timeout"/>, released when the result is disposed.
    /// .NET's <c>FileShare.None</c> tries flock once and fails at once, which leaves only polling; flock(1) waits in the
    /// kernel with a real timeout. Its child holds the lock while our pipe to it is open, so a killed test host (the
    /// pipe closes) releases it too.
    /// </summary>
    public static IDisposable AcquireFileLock(string path, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("flock") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments = ["--exclusive", "--timeout", ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture), path, "sh", "-c", "echo locked; exec cat > /dev/null"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var holder = Process.Start(start) ?? throw new InvalidOperationException("Could not start flock.");
        if (holder.StandardOutput.ReadLine() != "locked")
        {
            var error = holder.StandardError.ReadToEnd();
            holder.WaitForExit();
            holder.Dispose();
            throw new TimeoutException($"Could not lock {path} within {timeout.TotalMinutes:0.#} min: {error}");
        }

        return new HeldLock(holder);
    }

    private sealed class HeldLock(Process holder) : IDisposable
    {
        public void Dispose()
        {
            holder.StandardInput.Close();
            holder.WaitForExit();
            holder.Dispose();
        }
    }
}
