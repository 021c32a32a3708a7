namespace Campaigns.Domain.Copy;

public enum Tone { Urgent, Friendly, Premium, Playful }
