package org.nprworkbench.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import ai.djl.Device;

class DevicesTest {

    @Test
    void aDeviceIsNamedAsDeviceSpellsIt() {
        assertEquals("cpu", Devices.name(Device.cpu()));
        assertEquals("cuda:1", Devices.name(Device.gpu(1)));
        assertEquals("cpu", Devices.name(Devices.name(Device.cpu())));
    }

    @Test
    void djlsOldRecordedNamesAreRewrittenAndOthersKept() {
        assertEquals("cpu", Devices.name("cpu()"));
        assertEquals("cuda:0", Devices.name("gpu(0)"));
        assertEquals("cuda:3", Devices.name("gpu(3)"));
        assertEquals("cuda:2", Devices.name("cuda:2"));
        assertEquals("tpu(1)", Devices.name("tpu(1)"));
        assertNull(Devices.name((String) null));
    }
}
