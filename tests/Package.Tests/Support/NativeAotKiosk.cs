using System.Runtime.InteropServices;

namespace Kiosk.Package.Tests.Support;

/// <summary>
/// The kiosk published Native AOT for this machine (<c>dotnet publish KioskDevice -c Release -r linux-x64</c>), once per
/// test run: the publish takes minutes, so it lives in this tier, which runs alone. Null <see cref="Program"/> with
/// <see cref="Missing"/> saying why when the AOT toolchain (clang) is not installed.
/// </summary>
public sealed class NativeAotKiosk : IDisposable
{
    private readonly string? folder;

    public NativeAotKiosk()
    {
        Missing = MissingToolchain();
        if (Missing is not null)
        {
            return;
        }

        folder = Directory.CreateTempSubdirectory("kiosk-aot-").FullName;
        // The same lock as the package build: both publish KioskDevice through its obj folder.
        Directory.CreateDirectory(Path.Combine(Packages.RepositoryRoot, "artifacts"));
        using (Packages.AcquireFileLock(Path.Combine(Packages.RepositoryRoot, "artifacts", "test-packages.lock"), TimeSpan.FromMinutes(30)))
        {
            PublishOutput = Packages.Run(
                "dotnet",
                ["publish", "KioskDevice/KioskDevice.csproj", "-c", "Release", "-r", RuntimeIdentifier, "-p:DebugType=none", "-o", folder, "-nologo", "-v", "minimal"],
                TimeSpan.FromMinutes(25),
                Packages.RepositoryRoot);
        }

        Program = Path.Combine(folder, "Kiosk.Device");
    }

    /// <summary>Why the kiosk cannot be published Native AOT here, or null.</summary>
    public string? Missing { get; }

    /// <summary>The native kiosk program.</summary>
    public string? Program { get; }

    /// <summary>What dotnet publish said (warnings would be here; the build treats them as errors too).</summary>
    public string PublishOutput { get; } = "";

    /// <summary>The published folder: the program and its native libraries, nothing for a runtime to load.</summary>
    public string Folder => folder ?? throw new InvalidOperationException(Missing);

    public void Dispose()
    {
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string RuntimeIdentifier => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    private static string? MissingToolchain() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(path => File.Exists(Path.Combine(path, "clang")))
            ? null
            : "clang is not installed (apt-get install clang): Native AOT links the kiosk with it";
}
