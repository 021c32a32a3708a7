namespace Campaigns.Data.Demo;

/// <summary>Word lists the demo store is built from.</summary>
internal static class DemoCatalog
{
    public static readonly (string Name, decimal MinPrice, decimal MaxPrice, string[] Nouns)[] Categories =
    [
        ("Women's Fashion", 19, 149, ["Wrap Dress", "Linen Blouse", "Knit Cardigan", "Midi Skirt", "Wool Coat", "Silk Scarf", "Denim Jacket"]),
        ("Men's Fashion", 19, 159, ["Oxford Shirt", "Chino Trousers", "Merino Jumper", "Rain Jacket", "Polo Shirt", "Overshirt", "Wool Blazer"]),
        ("Shoes", 39, 189, ["Leather Trainers", "Chelsea Boots", "Running Shoes", "Loafers", "Sandals", "Hiking Boots"]),
        ("Accessories", 9, 99, ["Leather Belt", "Tote Bag", "Sunglasses", "Beanie", "Card Holder", "Watch Strap"]),
        ("Home & Living", 12, 249, ["Throw Blanket", "Table Lamp", "Linen Cushion", "Ceramic Vase", "Wall Mirror", "Rug"]),
        ("Kitchen", 8, 199, ["Chef's Knife", "Cast Iron Pan", "Coffee Grinder", "Stoneware Bowls", "Teapot", "Chopping Board"]),
        ("Beauty", 6, 79, ["Face Serum", "Hand Cream", "Lip Balm Set", "Shampoo Bar", "Perfume", "Body Oil"]),
        ("Sports & Outdoors", 14, 299, ["Yoga Mat", "Trail Backpack", "Water Bottle", "Cycling Gloves", "Tent", "Running Vest"]),
        ("Electronics", 19, 399, ["Wireless Earbuds", "Bluetooth Speaker", "Phone Charger", "Smart Plug", "E-Reader Case", "Desk Lamp"]),
        ("Toys & Kids", 7, 89, ["Wooden Puzzle", "Plush Bear", "Building Blocks", "Kids Raincoat", "Art Set", "Board Game"]),
        ("Books", 6, 45, ["Cookbook", "Travel Guide", "Novel", "Notebook Set", "Atlas", "Poetry Collection"]),
        ("Garden", 9, 179, ["Planter", "Pruning Shears", "Seed Kit", "Garden Chair", "Watering Can", "Bird Feeder"]),
    ];

    public static readonly string[] Adjectives =
        ["Classic", "Organic", "Everyday", "Premium", "Recycled", "Nordic", "Vintage", "Essential", "Urban", "Coastal", "Heritage", "Soft"];

    public static readonly string[] Colours = ["Black", "Navy", "Sand", "Olive", "Rust", "Ivory", "Charcoal", "Sage"];

    public static readonly string[] Regions = ["North", "South", "East", "West", "Central", "Capital"];

    public static readonly string[] FirstNames =
        ["Alex", "Sam", "Jamie", "Maria", "Noah", "Olivia", "Liam", "Emma", "Lucas", "Mia", "Ava", "Leo", "Zoe", "Omar", "Priya", "Chen", "Anna", "Tom", "Sara", "Ben"];
}
