using System.Text;
using Kiosk.Contract.Commands;

namespace Kiosk.Contract.Tests;

/// <summary>
/// What the kiosk's reader accepts as a command's <c>sentAt</c>, as docs/asyncapi.yaml states it ("Commands and replies"):
/// any ISO-8601 date-time with an offset, <c>Z</c> included; a value that is no date-time is a <c>bad-command</c>.
/// </summary>
public sealed class SentAtTests
{
    private static readonly DateTimeOffset Pressed = new(2026, 3, 2, 1, 22, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-03-02T08:22:00+07:00")]
    [InlineData("2026-03-02T08:22:00.000+07:00")]
    [InlineData("2026-03-02T01:22:00Z")]
    [InlineData("2026-03-02T01:22:00.000Z")]
    [InlineData("2026-03-02T01:22:00+00:00")]
    [InlineData("2026-03-02T09:22:00+08:00")]
    public void A_sentAt_with_an_offset_or_Z_is_read_as_the_same_instant(string sentAt)
    {
        var read = Read(sentAt);

        Assert.True(read.Ok, read.Refusal);
        Assert.Equal(Pressed, read.SentAt);
    }

    [Theory]
    [InlineData("kemarin")]
    [InlineData("")]
    [InlineData("08:22")]
    [InlineData("2026-03-02 08:22:00+07:00x")]
    public void A_sentAt_that_is_no_date_time_is_a_bad_command(string sentAt)
    {
        var read = Read(sentAt);

        Assert.False(read.Ok);
        Assert.Equal(nameof(ErrorCode.BadCommand), read.Refusal);
    }

    [Theory]
    [InlineData("2026-03-02T01:22:00.1234567Z")]
    [InlineData("2026-03-02T01:22Z")]
    public void Up_to_seven_decimals_and_a_missing_seconds_part_are_read(string sentAt)
    {
        var read = Read(sentAt);

        Assert.True(read.Ok, read.Refusal);
        Assert.Equal(Pressed, read.SentAt!.Value.AddTicks(-(read.SentAt.Value.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Theory]
    [InlineData("2026-03-02t01:22:00z")]
    [InlineData("2026-03-02 01:22:00Z")]
    public void Lower_case_t_or_z_and_a_space_for_T_are_refused_although_RFC_3339_allows_them(string sentAt)
    {
        var read = Read(sentAt);

        Assert.False(read.Ok);
        Assert.Equal(nameof(ErrorCode.BadCommand), read.Refusal);
    }

    /// <summary>Outside the contract (the document says: always send an offset or Z), stated so a loket author knows why.</summary>
    [Theory]
    [InlineData("2026-03-02T08:22:00", 8, 22)]
    [InlineData("2026-03-02", 0, 0)]
    public void Without_an_offset_the_kiosk_reads_its_own_machine_zone(string sentAt, int hour, int minute)
    {
        var read = Read(sentAt);

        Assert.True(read.Ok, read.Refusal);
        var local = new DateTime(2026, 3, 2, hour, minute, 0, DateTimeKind.Unspecified);
        Assert.Equal(new DateTimeOffset(local, TimeZoneInfo.Local.GetUtcOffset(local)), read.SentAt);
    }

    private static (bool Ok, DateTimeOffset? SentAt, string? Refusal) Read(string sentAt)
    {
        var json = $$"""{"commandId":"c-1","type":"call-next","sentAt":"{{sentAt}}"}""";
        return CommandReader.TryRead(Encoding.UTF8.GetBytes(json), out var command, out var refusal)
            ? (true, command.SentAt, null)
            : (false, null, refusal.Code.ToString());
    }
}
