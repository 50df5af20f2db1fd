/**
 * The picture under the pointer while a session file is dragged out of the window
 * (webContents.startDrag needs one; a 32×32 page outline).
 */
export const DRAG_ICON_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAPklEQVR4nO3XoQ0AIBAEQer8Iuj+DQY8CvMhhNnk/NhrTVsRfVbuCJA5SgYAAAAAAAAAAAAAAPAO4Oo1+64FBQOEoIiyIkwAAAAASUVORK5CYII='
