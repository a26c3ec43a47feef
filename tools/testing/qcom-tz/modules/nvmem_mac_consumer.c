// SPDX-License-Identifier: GPL-2.0
/*
 * A device tree consumer of a MAC address NVMEM cell, for the guest tests
 * of the DPP layout: the board's node
 *
 *	mac-consumer {
 *		compatible = "qcom-tz,nvmem-mac-consumer";
 *		nvmem-cells = <&wlan_mac>;
 *		nvmem-cell-names = "mac-address";
 *	};
 *
 * binds once the cell exists (probe defers until then) and shows the
 * address it read in /sys/bus/platform/devices/<node>/mac. It reads the
 * cell as of_get_mac_address() does for a network driver (that needs
 * CONFIG_NET, which the test kernel does without). Not part of the
 * driver series.
 */
#include <linux/device.h>
#include <linux/etherdevice.h>
#include <linux/err.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/nvmem-consumer.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct nvmem_mac_consumer {
	u8 mac[ETH_ALEN];
};

static ssize_t mac_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	struct nvmem_mac_consumer *c = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%pM\n", c->mac);
}
static DEVICE_ATTR_RO(mac);

static struct attribute *nvmem_mac_consumer_attrs[] = {
	&dev_attr_mac.attr,
	NULL
};
ATTRIBUTE_GROUPS(nvmem_mac_consumer);

static int nvmem_mac_consumer_probe(struct platform_device *pdev)
{
	struct nvmem_mac_consumer *c;
	struct nvmem_cell *cell;
	size_t len;
	u8 *mac;

	c = devm_kzalloc(&pdev->dev, sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	cell = devm_nvmem_cell_get(&pdev->dev, "mac-address");
	if (IS_ERR(cell))
		return dev_err_probe(&pdev->dev, PTR_ERR(cell),
				     "no mac-address cell\n");
	mac = nvmem_cell_read(cell, &len);
	if (IS_ERR(mac))
		return dev_err_probe(&pdev->dev, PTR_ERR(mac),
				     "cannot read the mac-address cell\n");
	if (len != ETH_ALEN || !is_valid_ether_addr(mac)) {
		dev_err(&pdev->dev, "no MAC address in the cell (%zu bytes)\n",
			len);
		kfree(mac);
		return -EINVAL;
	}
	ether_addr_copy(c->mac, mac);
	kfree(mac);
	platform_set_drvdata(pdev, c);
	dev_info(&pdev->dev, "MAC address %pM from NVMEM\n", c->mac);

	return 0;
}

static const struct of_device_id nvmem_mac_consumer_of_match[] = {
	{ .compatible = "qcom-tz,nvmem-mac-consumer" },
	{ }
};
MODULE_DEVICE_TABLE(of, nvmem_mac_consumer_of_match);

static struct platform_driver nvmem_mac_consumer_driver = {
	.probe = nvmem_mac_consumer_probe,
	.driver = {
		.name = "nvmem-mac-consumer",
		.of_match_table = nvmem_mac_consumer_of_match,
		.dev_groups = nvmem_mac_consumer_groups,
	},
};
module_platform_driver(nvmem_mac_consumer_driver);

MODULE_DESCRIPTION("Test consumer of a MAC address NVMEM cell (qcom-tz)");
MODULE_LICENSE("GPL");
