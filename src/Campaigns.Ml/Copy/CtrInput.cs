namespace Campaigns.Ml.Copy;

/// <summary>One row the ranker's ML.NET pipeline reads.</summary>
internal sealed class CtrInput
{
    public string Text { get; set; } = "";
    public string Channel { get; set; } = "";
    public string PromotionType { get; set; } = "";
    public string Category { get; set; } = "";
    public string Tone { get; set; } = "";
    public string ChannelTone { get; set; } = "";
    public string LengthBand { get; set; } = "";
    public bool Label { get; set; }
    public float Weight { get; set; }

    public static CtrInput From(string text, CopyConditions c, bool label, float weight) => new()
    {
        Text = text, Channel = c.DeliveryChannel.ToString(), PromotionType = c.PromotionType.ToString(), Category = c.Category?.ToLowerInvariant() ?? "any",
        Tone = c.Tone.ToString(), ChannelTone = $"{c.DeliveryChannel}|{c.Tone}", LengthBand = $"{Math.Min(text.Length / 10, 8)}",
        Label = label, Weight = weight,
    };
}
