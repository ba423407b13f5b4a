using System.Text.Json;
using Kiosk.DeviceDrivers.Printing.Virtual;
using Kiosk.Screens.Tests.Support;
using Microsoft.Playwright;
using Kiosk.TestSupport;

namespace Kiosk.Screens.Tests.Browser;

/// <summary>
/// A loket page on a bad morning, in Debian's Chromium against the real stack: the kiosk's printer runs out of paper,
/// the kiosk goes off, the officer logs in again. Every wait is bounded and on what the officer sees.
/// </summary>
public sealed class LoketTroubleTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Seen = new() { Timeout = Pages.Timeout };
    private static readonly LocatorAssertionsToContainTextOptions Shows = new() { Timeout = Pages.Timeout };

    private IBrowser Browser => chromium.BrowserOrSkip();

    [SkippableFact]
    [Trait(ReadmeScreenshots.Trait, ReadmeScreenshots.Value)]
    public async Task Paper_out_reaches_every_loket_and_the_tv_and_the_officer_gives_a_manual_number_that_is_called_in_turn()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        var before = await h.PressAsync("umum");
        var loket1 = await Pages.LoketAsync(browser, h, 1);
        var loket3 = await Pages.LoketAsync(browser, h, 3);
        var display = await Pages.DisplayAsync(browser, h);
        await Assertions.Expect(loket1.Locator("#banner-koneksi")).ToBeHiddenAsync(new() { Timeout = Pages.Timeout });

        h.Kiosk.SetPrinter(VirtualPrinterState.PaperOut);
        foreach (var loket in new[] { loket1, loket3 })
        {
            await Assertions.Expect(loket.Locator("#banner-koneksi")).ToContainTextAsync("Kertas printer kiosk habis — ganti gulungan", Shows);
            await Assertions.Expect(loket.Locator("#tombol-manual")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("sorot"), new() { Timeout = Pages.Timeout });
        }

        await display.WaitForFunctionAsync("() => document.body.innerText.includes('Mesin antrean sedang bermasalah, silakan langsung ke loket')", null, new() { Timeout = Pages.Timeout });
        Assert.Empty(await Accessibility.SeriousOrCriticalAsync(loket1));
        await loket1.ScreenshotAsync(new() { Path = ReadmeScreenshots.PathFor("screenshots/loket-kertas-habis.png") });

        // The officer gives the patient at the desk the next number by word of mouth.
        await loket1.Keyboard.PressAsync("m");
        await loket1.SelectOptionAsync("#manual-layanan", "UMUM");
        await loket1.ClickAsync("#form-manual button[type=submit]");
        await Assertions.Expect(loket1.Locator("#nomor-poli-besar")).ToHaveTextAsync("A-002", Seen);
        await Assertions.Expect(loket1.Locator("#balasan")).ToContainTextAsync("Sebutkan nomor ini kepada pasien", Shows);

        // Paper back: the kiosk's numbering goes on after the manual number, and the queue calls them in order.
        h.Kiosk.SetPrinter(VirtualPrinterState.Ok);
        await Assertions.Expect(loket1.Locator("#banner-koneksi")).ToBeHiddenAsync(new() { Timeout = Pages.Timeout });
        var after = await h.PressAsync("umum");
        Assert.Equal(["A-001", "A-003"], [before, after]);
        await loket1.Keyboard.PressAsync("n");
        await Assertions.Expect(loket1.Locator("#sekarang-nomor")).ToHaveTextAsync(before, Seen);
        await loket1.Keyboard.PressAsync("d");
        await Assertions.Expect(loket1.Locator("#sekarang-nomor")).ToHaveTextAsync("A-002", Seen);
        var numbers = h.Kiosk.Engine.TodayTickets().Select(t => t.Number).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [SkippableFact]
    public async Task After_a_new_login_the_page_shows_the_served_patient_with_payer_and_card_and_the_days_count()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        const string card = "0001234567890";
        var bpjs = await h.ScanAsync(card);
        var loket2 = await Pages.LoketAsync(browser, h, 2);
        await loket2.Keyboard.PressAsync("n");
        await Assertions.Expect(loket2.Locator("#kartu")).ToContainTextAsync(card, Shows);
        await Assertions.Expect(loket2.Locator("#jumlah-hari-ini")).ToHaveTextAsync("1", Seen);

        await loket2.ClickAsync("#tombol-keluar");
        await loket2.FillAsync("#nomor-loket", "2");
        await loket2.FillAsync("#kata-sandi", h.Password(2));
        await loket2.ClickAsync("#tombol-masuk");

        await Assertions.Expect(loket2.Locator("#sekarang-nomor")).ToHaveTextAsync(bpjs, Seen);
        await Assertions.Expect(loket2.Locator("#sekarang-rincian")).ToContainTextAsync("BPJS / KIS", Shows);
        await Assertions.Expect(loket2.Locator("#kartu")).ToContainTextAsync(card, Shows);
        await Assertions.Expect(loket2.Locator("#jumlah-hari-ini")).ToHaveTextAsync("1", Seen);

        // A reload is the same: the kiosk's state and its reply, not the page's memory.
        await loket2.ReloadAsync();
        await Assertions.Expect(loket2.Locator("#kartu")).ToContainTextAsync(card, Shows);
        await Assertions.Expect(loket2.Locator("#sekarang-rincian")).ToContainTextAsync("BPJS / KIS", Shows);
    }

    [SkippableFact]
    public async Task With_the_kiosk_off_a_press_is_answered_at_once_the_other_buttons_stay_usable_and_the_outcome_follows()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        var first = await h.PressAsync("umum");
        var loket1 = await Pages.LoketAsync(browser, h, 1);
        await Assertions.Expect(loket1.Locator("#daftar-tunggu")).ToContainTextAsync(first, Shows);

        await h.Kiosk.CutPowerAsync();
        await Assertions.Expect(loket1.Locator("#banner-koneksi")).ToContainTextAsync("Kiosk antrean mati", Shows);
        await loket1.Keyboard.PressAsync("n");

        // The host answers within its short wait: a sentence, not a grey page.
        await Assertions.Expect(loket1.Locator("#balasan")).ToContainTextAsync("Kiosk belum menjawab", Shows);
        Assert.True(await loket1.Locator("[data-perintah='call-next']").IsDisabledAsync());
        foreach (var other in new[] { "recall", "serve", "skip", "emergency", "issue", "pause" })
        {
            Assert.True(await loket1.Locator($"[data-perintah='{other}']").IsEnabledAsync(), other);
        }

        await h.Kiosk.PowerOnAsync();
        await Assertions.Expect(loket1.Locator("#sekarang-nomor")).ToHaveTextAsync(first, Seen);
        await Assertions.Expect(loket1.Locator("#balasan")).ToContainTextAsync(first, Shows);
        await Assertions.Expect(loket1.Locator("[data-perintah='call-next']")).ToBeEnabledAsync(new() { Timeout = Pages.Timeout });
        await Assertions.Expect(loket1.Locator("#banner-koneksi")).ToBeHiddenAsync(new() { Timeout = Pages.Timeout });
    }

    [SkippableFact]
    public async Task The_emergency_form_has_labels_and_no_preset_choices_and_the_list_shows_this_lokets_services()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        var umum = await h.PressAsync("umum");
        var bpjs = await h.PressAsync("bpjs");
        var loket1 = await Pages.LoketAsync(browser, h, 1);
        Assert.Empty(await Accessibility.SeriousOrCriticalAsync(loket1));

        // Loket 1 calls UMUM and PRIO: the BPJS ticket shows only when the officer asks for every service.
        await Assertions.Expect(loket1.Locator("#daftar-tunggu")).ToContainTextAsync(umum, Shows);
        await Assertions.Expect(loket1.Locator("#daftar-tunggu")).Not.ToContainTextAsync(bpjs);
        await loket1.CheckAsync("#semua-layanan");
        await Assertions.Expect(loket1.Locator("#daftar-tunggu")).ToContainTextAsync(bpjs, Shows);

        // G then Enter: the form opens with nothing chosen, and Enter does not register anybody.
        await loket1.Keyboard.PressAsync("g");
        foreach (var field in new[] { "Layanan", "Jenis pasien", "Penjamin", "Jumlah anggota keluarga", "Alasan" })
        {
            await Assertions.Expect(loket1.Locator("#form-darurat").GetByLabel(field, new() { Exact = true })).ToBeVisibleAsync();
        }

        Assert.Equal(["", "", ""], [await loket1.InputValueAsync("#darurat-layanan"), await loket1.InputValueAsync("#darurat-kategori"), await loket1.InputValueAsync("#darurat-penjamin")]);
        await loket1.Keyboard.PressAsync("Enter");
        await Assertions.Expect(loket1.Locator("#form-darurat")).ToBeVisibleAsync();
        Assert.DoesNotContain(h.Kiosk.Engine.TodayTickets(), t => t.IsEmergency);
        Assert.Empty(await Accessibility.SeriousOrCriticalAsync(loket1));

        // Filled in, it registers the kind the officer chose.
        await loket1.SelectOptionAsync("#darurat-layanan", "UGD");
        await loket1.SelectOptionAsync("#darurat-kategori", "baru");
        await loket1.SelectOptionAsync("#darurat-penjamin", "bpjs");
        await loket1.ClickAsync("#form-darurat button[type=submit]");
        await Assertions.Expect(loket1.Locator("#sekarang-rincian")).ToContainTextAsync("Pasien baru", Shows);
        var emergency = Assert.Single(h.Kiosk.Engine.TodayTickets(), t => t.IsEmergency);
        Assert.Equal(("UGD", Kiosk.Contract.PatientCategory.Baru, Kiosk.Contract.Payer.Bpjs), (emergency.ServiceCode, emergency.Category, emergency.Payer));
    }

    [SkippableFact]
    public async Task The_login_page_and_the_loket_page_fit_a_phone_and_pass_axe()
    {
        var browser = Browser;
        await using var h = await ScreensHarness.StartAsync();
        await h.PressAsync("umum");
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        context.SetDefaultTimeout(Pages.Timeout);
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(new Uri(h.BaseAddress, "/loket").ToString());
        await Assertions.Expect(phone.Locator("#form-masuk")).ToBeVisibleAsync();
        Assert.Empty(await Accessibility.SeriousOrCriticalAsync(phone));

        await phone.FillAsync("#nomor-loket", "1");
        await phone.FillAsync("#kata-sandi", h.Password(1));
        await phone.ClickAsync("#tombol-masuk");
        await Assertions.Expect(phone.Locator("#nama-loket")).ToHaveTextAsync("Loket 1", Seen);
        await phone.TapAsync("[data-perintah='call-next']");
        await Assertions.Expect(phone.Locator("#sekarang-nomor")).ToHaveTextAsync("A-001", Seen);

        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the phone");
        var outside = await phone.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('#layar-loket button, #layar-loket h1, #sekarang-nomor')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > window.innerWidth + 0.5); }).map(e => e.textContent)");
        Assert.Empty(outside);
        Assert.Empty(await Accessibility.SeriousOrCriticalAsync(phone));
    }
}
