namespace Kiosk.Vm.Tests.Support;

/// <summary>
/// Whether the VM tier runs. It runs in the README test command and in CI. On 1 December 2026 it passed whole on
/// this 2-core machine with the image cached: 7 tests in 16 min (boot to SSH 34 s, dpkg -i plus kiosk-setup to READY
/// 118 s, 20 power cuts in 257 s); building the image first adds about 6 min. CI_UNDER_LOAD=1 leaves it out
/// (the CI load test busies every core; at a load of 15 to 30 one guest's tests took 17 to 35 min), and
/// KIOSK_VM_TESTS=0 leaves it out for a quick local run; either way its tests report skipped with the reason.
/// </summary>
internal static class VmTier
{
    public static string? WhyLeftOut() =>
        Environment.GetEnvironmentVariable("CI_UNDER_LOAD") == "1" ? "CI_UNDER_LOAD=1: the VM tier is left out under load"
        : Environment.GetEnvironmentVariable("KIOSK_VM_TESTS") == "0" ? "KIOSK_VM_TESTS=0: the VM tier is left out"
        : null;
}
